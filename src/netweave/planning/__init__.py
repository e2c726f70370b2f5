"""Planning: pure suggestions from records and scores (event plans, referrals, introductions).

Depends on the domain and the analytics only; the services read the records
and hand them over.
"""
