"""Pensions, a part of the welfare area: the monthly batch of old-age pension claims, generated, verified,
approved and paid together. services, api, views."""
