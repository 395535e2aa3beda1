"""Reading CSV files from CRMs and spreadsheets: leads and metric values."""
