"""Mail out, the parts that meet the outside world: the schedule (pure), the letter and
its email, SMTP, Apprise channels and the SMTP password. Nothing here reads or writes
the database; ``netweave.services.mailout`` decides what to send and records it."""
