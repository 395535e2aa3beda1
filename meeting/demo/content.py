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

# Leads marketing handed to sales: name, company and the CRM's source. Lead questions are
# asked about the first ones.
LEADS = [
    ("Jane Cooper", "Acme Logistics", "Webinar"),
    ("Omar Haddad", "Brightline Health", "Paid search"),
    ("Lena Fischer", "Nordwind GmbH", "Trade show"),
    ("Carlos Ruiz", "Sierra Foods", "Content download"),
    ("Mei Tanaka", "Kumo Robotics", "Referral"),
    ("Tom Becker", "Becker & Sons", "Website form"),
    ("Aisha Bello", "Lagos Fintech", "Webinar"),
    ("Grace Kim", "Harbor Dental", "Paid search"),
    ("Victor Ng", "Pacific Freight", "Content download"),
    ("Nora Walsh", "Clover Insurance", "Website form"),
    ("Ravi Menon", "Tessellate AI", "Webinar"),
    ("Julia Rossi", "Milano Design", "Trade show"),
    ("Ben Carter", "Summit Outdoor", "Paid search"),
    ("Ines Duarte", "Atlântico Energia", "Referral"),
    ("Paul Martin", "Martin Legal", "Content download"),
    ("Sofia Novak", "Prague Analytics", "Webinar"),
    ("Hugo Lambert", "Lambert Retail", "Website form"),
    ("Yuki Sato", "Sato Precision", "Trade show"),
]
# More hand-overs, so each month has enough of sales' decisions to count.
MORE_LEADS = [
    ("Liam Byrne", "Shamrock Software", "Webinar"),
    ("Chloe Martin", "Lumen Analytics", "Paid search"),
    ("Daniel Weber", "Weber Maschinen", "Trade show"),
    ("Amara Okafor", "Kola Payments", "Content download"),
    ("Ethan Brooks", "Brooks & Hale", "Website form"),
    ("Hana Kobayashi", "Mirai Cloud", "Referral"),
    ("Lucas Silva", "Rio Commerce", "Paid search"),
    ("Emma Jansen", "Dijk Logistics", "Webinar"),
    ("Noah Fischer", "Alpen Systems", "Trade show"),
    ("Zara Ahmed", "Crescent Health", "Content download"),
    ("Oliver Grant", "Grant Partners", "Website form"),
    ("Maria Lopez", "Solana Travel", "Paid search"),
    ("Felix Wagner", "Wagner Energie", "Webinar"),
    ("Ana Costa", "Porto Digital", "Referral"),
    ("Samuel Reed", "Redwood Labs", "Trade show"),
    ("Leila Haddad", "Cedar Finance", "Content download"),
    ("Jonas Berg", "Fjord Data", "Webinar"),
    ("Isabel Moreau", "Moreau Conseil", "Website form"),
    ("Kenji Mori", "Mori Devices", "Paid search"),
    ("Olivia Park", "Parkside Clinics", "Content download"),
    ("Adam Novak", "Vltava Software", "Webinar"),
    ("Priscila Rocha", "Rocha Agro", "Trade show"),
    ("Henrik Dahl", "Dahl Marine", "Referral"),
    ("Sara Conti", "Conti Moda", "Website form"),
    ("Marcus Hill", "Hilltop Security", "Paid search"),
    ("Elif Yilmaz", "Bosphorus Tech", "Webinar"),
    ("Tariq Aziz", "Oasis Networks", "Paid search"),
    ("Clara Schmidt", "Elbe Pharma", "Content download"),
    ("Diego Herrera", "Andes Mining", "Trade show"),
    ("Freya Lund", "Nordlys Media", "Website form"),
    ("Kwame Mensah", "Accra Solar", "Webinar"),
    ("Rosa Jimenez", "Sevilla Hoteles", "Paid search"),
    ("Pierre Dubois", "Dubois Optique", "Referral"),
    ("Anika Sharma", "Lotus Learning", "Content download"),
    ("Matteo Ricci", "Ricci Costruzioni", "Trade show"),
    ("Hannah Wolf", "Wolf Versicherung", "Webinar"),
    ("Yusuf Demir", "Anatolia Textiles", "Website form"),
    ("Lily Chen", "Jade Bioscience", "Paid search"),
    ("Oscar Nilsson", "Nilsson Bygg", "Content download"),
    ("Mila Petrova", "Sofia Robotics", "Webinar"),
    ("Jack Turner", "Turner Freight", "Trade show"),
    ("Nadia Rahman", "Delta Telecom", "Referral"),
]
# Why sales rejects a lead of each source, in turn (reasons from the default list).
REJECTED_FOR = {
    "Paid search": ("student", "junk"),
    "Trade show": ("wrong persona", "junk"),
    "Webinar": ("no budget", "wrong persona"),
    "Content download": ("no budget", "student"),
    "Website form": ("competitor", "duplicate"),
    "Referral": ("duplicate",),
}
# A lead rejected for one of these is nurtured and handed over again, then accepted.
COMES_BACK = ("no budget", "wrong persona")
CAME_BACK_BY = "Nurture email"

# The alignment pulse in the meeting that closes each of the last three months: each
# statement's scores per team, one per rater, month by month. Sales finds the leads poor
# until the SQL definition is tightened at the end of the second month; marketing finds the
# follow-up better once the SLA is agreed at its start.
PULSE = {
    "lead-quality": {"sales": ((2, 1, 2), (2, 2, 2), (4, 4, 5))},
    "follow-up": {"marketing": ((2, 2, 3), (3, 4, 3), (4, 4, 3))},
    "ideal-customer": {
        "sales": ((3, 2, 3), (3, 3, 3), (4, 4, 3)),
        "marketing": ((3, 3, 4), (4, 3, 4), (4, 4, 4)),
    },
    "other-team": {
        "sales": ((3, 3, 2), (3, 3, 3), (4, 3, 4)),
        "marketing": ((3, 2, 3), (3, 3, 4), (4, 4, 3)),
    },
}

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
# After the SQL definition is tightened: what each stage's usual value is multiplied by.
TIGHTER_SQL_LIFT = {"SQLs": 1.25, "Demos": 1.3, "Closed-won": 1.3}
BASE = {
    "Leads": 360.0,
    "MQLs": 105.0,
    "SQLs": 38.0,
    "Demos": 20.0,
    "Closed-won": 5.0,
    "Revenue": 42000.0,
}
