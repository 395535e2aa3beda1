"""What the demo says: its people, leads, entries, questions and answers, the agreements'
texts and the metrics' targets and usual values. Apart from the building steps, so the
words can change without touching how rows are made."""

from meeting.foundations.statuses import Outcome

PEOPLE = [
    ("Sam", "sales"),
    ("Jordan", "sales"),
    ("Riley", "sales"),
    ("Priya", "marketing"),
    ("Maya", "marketing"),
    ("Alex", "marketing"),
    ("Dana", "leadership"),
]
SALES = ["Sam", "Jordan", "Riley"]
MARKETING = ["Priya", "Maya", "Alex"]

LEADS = [
    ("Jane Cooper", "Acme Logistics"),
    ("Omar Haddad", "Brightline Health"),
    ("Lena Fischer", "Nordwind GmbH"),
    ("Carlos Ruiz", "Sierra Foods"),
    ("Mei Tanaka", "Kumo Robotics"),
    ("Tom Becker", "Becker & Sons"),
    ("Aisha Bello", "Lagos Fintech"),
    ("Grace Kim", "Harbor Dental"),
    ("Victor Ng", "Pacific Freight"),
    ("Nora Walsh", "Clover Insurance"),
    ("Ravi Menon", "Tessellate AI"),
    ("Julia Rossi", "Milano Design"),
    ("Ben Carter", "Summit Outdoor"),
    ("Ines Duarte", "Atlântico Energia"),
    ("Paul Martin", "Martin Legal"),
    ("Sofia Novak", "Prague Analytics"),
    ("Hugo Lambert", "Lambert Retail"),
    ("Yuki Sato", "Sato Precision"),
]

WORKING = [
    ("marketing", "Webinar leads book demos at twice the rate of paid search", "Demos"),
    ("sales", "Sales follows up on MQLs within 24 hours now"),
    ("marketing", "The new ICP one-pager made qualification calls shorter"),
    ("sales", "Reps logging call notes in the CRM, so marketing can see outcomes"),
    ("marketing", "Case study with Harbor Dental gets quoted in every second demo"),
    ("sales", "Joint account list for the top 50 targets is being worked weekly"),
    ("marketing", "Retargeting campaign brought back 14 stalled opportunities", "SQLs"),
    ("sales", "Demo-to-proposal time down from 9 to 5 days", "Closed-won"),
    ("marketing", "Lead scoring tweak cut junk MQLs noticeably", "MQLs"),
    ("sales", "SDRs share objection notes in the channel every Friday"),
]
BROKEN = [
    ("marketing", "Trade-show leads arrive without a phone number or role"),
    ("sales", "Leads marked SQL sit untouched for a week before the first call", "SQLs"),
    ("marketing", "Paid search brings students and job seekers, not buyers", "Leads"),
    ("sales", "No one owns inbound chat after 5 pm"),
    ("marketing", "Form fills from the pricing page land in the wrong queue"),
    ("sales", "Lost reasons are left empty on half the closed-lost deals"),
    ("marketing", "Nurture emails go to leads sales is actively working"),
    ("sales", "Handoff notes don't say which content the lead downloaded"),
    ("marketing", "Definition of an MQL differs between HubSpot and the deck"),
    ("sales", "Demo no-show rate is 30% and nobody sends reminders", "Demos"),
]
ACTIONS = [
    ("Priya", "Add phone and role as required fields on the event form"),
    ("Sam", "Call every SQL within 48 hours and log the first touch"),
    ("Maya", "Exclude student and careers keywords from paid search"),
    ("Jordan", "Set up an on-call rota for inbound chat"),
    ("Alex", "Route pricing-page forms to the SDR queue"),
    ("Riley", "Make lost reason mandatory on closed-lost deals"),
    ("Priya", "Suppress nurture emails for leads in an open opportunity"),
    ("Sam", "Write a handoff template with content history"),
    ("Dana", "Agree one MQL definition and publish it in the wiki"),
    ("Jordan", "Send demo reminders the day before and an hour before"),
    ("Maya", "Draft two more case studies from won deals"),
    ("Sam", "Share the top 10 objections with marketing"),
    ("Alex", "Build a dashboard of MQL-to-SQL by source"),
    ("Riley", "Review the 20 oldest open opportunities with marketing"),
    ("Priya", "Plan the Q1 webinar series with sales topics"),
    ("Dana", "Set quarterly targets for SQLs and demos"),
]
IDEAL_CUSTOMER = (
    "B2B software companies of 50 to 500 people with a sales team of their own,\n"
    "in North America or Europe, buying their first sales-engagement tool."
)
MQL = "A lead from an ideal customer who downloaded two pieces of content or came to a webinar."
SQL_FIRST = "An MQL whose budget was confirmed on a call with sales."
SQL_TIGHTER = (
    "An MQL with budget, a named decision maker and a date for the decision,\n"
    "all confirmed on a call with sales, and a demo booked."
)
JUNK = (
    "Junk: students, competitors, no company. Dropped at once.\n"
    "Cold: no answer to three touches in two weeks. Back to marketing for nurture."
)
VALUE = "Leads answered within the hour, because every lead's history is in one place."
SLA_TEXT = (
    "Sales makes the first touch on every lead handed over within 24 hours.\n"
    "Every lead question is answered within 7 days, by the next weekly meeting at the latest."
)

QUESTIONS = [
    "What happened after the demo? They went quiet.",
    "Why did they stop responding after the pricing call?",
    "Is this lead worth nurturing or should we drop it?",
    "Did the trial convert? Marketing paid for the event they came from.",
    "Who owns this account now that the rep left?",
    "They downloaded three whitepapers this week. Is sales talking to them?",
]
ANSWERS = [
    (Outcome.WORKING, "Second call booked for next week; procurement is involved."),
    (Outcome.NURTURE, "Budget frozen until Q2. Back to marketing for nurture."),
    (Outcome.DISQUALIFIED, "Student project, not a buyer."),
    (Outcome.WON, "Signed the annual plan on Friday."),
    (Outcome.LOST, "Chose a competitor on price."),
    (Outcome.CONVERTED, "Converted to an opportunity; proposal sent."),
]
TARGETS = {
    "Leads": 420.0,
    "MQLs": 130.0,
    "SQLs": 48.0,
    "Demos": 26.0,
    "Closed-won": 8.0,
    "Revenue": 60000.0,
}
BASE = {
    "Leads": 360.0,
    "MQLs": 105.0,
    "SQLs": 38.0,
    "Demos": 20.0,
    "Closed-won": 5.0,
    "Revenue": 42000.0,
}
