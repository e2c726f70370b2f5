"""Mail in: reading who wrote to whom, and when, from mailboxes and exports.

Readers turn a source (an mbox file, a Maildir, an IMAP folder, LinkedIn's
``messages.csv``) into :class:`~netweave.mail.envelope.Envelope` s: headers only,
never a body. :mod:`netweave.mail.rules` decides, message by message, whether it is
an exchange between the owner and someone else or something to leave out (a list,
a newsletter, an automated sender, a crowd). Nothing here touches the database:
``services.mail_sync`` matches people and writes the touches (docs/mail.md).
"""
