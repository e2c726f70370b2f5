"""Mail out: the weekly digest and the reminders, what they say, when they go, and the
record that makes each go once (docs/digest.md)."""
