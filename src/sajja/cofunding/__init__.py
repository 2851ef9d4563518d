"""The co-funding area ("1:1:1"): what the local and central governments (and other parties) owe a fund
for a Thai fiscal year, requested, received and traced in the books.

The rules are pure (`sajja.schemes.cofunding`); this area keeps what they need that the registry does not
(the fund's villages or communities, its registration, its policy: models.FundProfile, Village), reads the
register and the books into them (reading.py, selectors.py), records each year's request with a receivable
per party, the money received against it and any overpayment refunded (services.py, books.py), and tells
the fund's money apart by source (selectors_sources.py, sources.py). Its documents (documents.py: the Thai
A4 PDF and the XLSX of member lines), routes (api.py) and commands (`sajja cofunding ...`) stand on those.
"""
