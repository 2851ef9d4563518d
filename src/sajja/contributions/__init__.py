"""Contributions: members' 1-baht-a-day payments, meeting sheets, imports, receipts, PromptPay."""
