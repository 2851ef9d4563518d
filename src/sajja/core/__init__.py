"""The pure domain: money, Thai formats, the ledger's records and checks. No Django here."""
