"""Writers of contact files that other tools read: vCard 3.0 and Google Contacts CSV.

Pure functions: :class:`netweave.domain.Person` records in, the bytes of a file
out. Each writer is the mirror of the importer of the same name in
:mod:`netweave.importers`, so that export → import gives back the same people.
netweave's own lossless format (every record, not only people) is the JSON of
:mod:`netweave.services.exchange`.

The modules (``cells``, ``google``, ``vcard``, ``qr``) load when imported by name: a CSV
of tie strengths needs :mod:`netweave.exporters.cells`, not the people's records (issue 16).
"""

from __future__ import annotations
