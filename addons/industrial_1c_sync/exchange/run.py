"""The state of one exchange step: the 1C client, the log lines waiting to be written and the
counts (cf. OCA connector's ``WorkContext``). Importers and exporters share it."""
from ..tools.onec_client import is_guid


class ExchangeRun:
    def __init__(self, connection, client, run_uuid):
        self.connection = connection
        self.env = connection.env
        self.client = client
        self.uuid = run_uuid
        self.logs = []
        self.done = 0
        self.failed = 0
        self.cache = {}

    def log(self, entity, direction, ref_key, state, message=False, kind=False, partner=None, lead=None):
        """Note what became of one record; written in batches by ``flush``."""
        self.logs.append({
            "connection_id": self.connection.id,
            "run_uuid": self.uuid,
            "entity": entity or "-",
            "direction": direction,
            "ref_key": ref_key,
            "state": state,
            "message": message,
            "error_kind": kind,
            "partner_id": partner.id if partner else False,
            "lead_id": lead.id if lead else False,
        })
        if state == "failed":
            self.failed += 1
        else:
            self.done += 1

    def flush(self):
        """Write the log lines; a record handled now resolves its earlier failures."""
        if not self.logs:
            return
        Log = self.env["industrial.1c.sync.log"]
        Log.create(self.logs)
        keys = [v["ref_key"] for v in self.logs if v["state"] != "failed" and v["ref_key"]]
        if keys:
            Log.search([
                ("connection_id", "=", self.connection.id), ("state", "=", "failed"),
                ("resolved", "=", False), ("ref_key", "in", keys),
            ]).write({"resolved": True})
        self.logs = []

    def failed_keys(self, entity):
        """The 1C keys of this entity whose import failed and is still unresolved."""
        logs = self.env["industrial.1c.sync.log"].search([
            ("connection_id", "=", self.connection.id), ("entity", "=", entity), ("direction", "=", "in"),
            ("state", "=", "failed"), ("resolved", "=", False), ("ref_key", "!=", False),
        ])
        return {key for key in logs.mapped("ref_key") if is_guid(key)}

    def keyed_rows(self, entity, rows):
        """``(Ref_Key, row)`` of a page; a row whose key is not a GUID is logged and left out."""
        for row in rows:
            key = row.get("Ref_Key")
            if is_guid(key):
                yield key, row
            else:
                self.log(entity, "in", str(key)[:64] if key else False, "failed",
                         self.env._("%(key)r is not a 1C key (GUID).", key=key), kind="malformed")

    def pages(self, entity, filter=None, orderby=None, skip=0):
        """``(skip, rows)`` page after page of an entity set."""
        page_size = self.connection.page_size
        while True:
            rows = self.client.list(entity, filter=filter, top=page_size, skip=skip, orderby=orderby)
            yield skip, rows
            if len(rows) < page_size:
                return
            skip += len(rows)


class ExchangeComponent:
    """What the importer and the exporter share: the run they work for and its environment."""

    def __init__(self, run):
        self.run = run
        self.connection = run.connection
        self.env = run.env
        self.Binding = self.env["industrial.1c.binding"]

    def _(self, source, **kwargs):
        return self.env._(source, **kwargs)

    def map_in(self, mapper, entity, key, row):
        """The Odoo values of a 1C row, or None when the row is malformed (logged, retried next run)."""
        try:
            return mapper.from_1c(row)
        except (TypeError, ValueError) as exc:
            self.run.log(entity, "in", key, "failed", str(exc), kind="malformed")
            return None
