import base64
import binascii
import logging

from werkzeug.wrappers import Response

from odoo import http
from odoo.http import request

from ..tools import MikoError

_logger = logging.getLogger(__name__)


class MikoController(http.Controller):
    """ModuleHttpAlert events in, recordings out: authenticate, parse, delegate."""

    def _connection_from_request(self, secret):
        """``(connection, status)``: 401 without credentials, 403 with wrong ones."""
        if not secret:
            header = request.httprequest.headers.get("Authorization", "")
            if header.lower().startswith("basic "):
                try:
                    decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
                except (binascii.Error, UnicodeDecodeError):
                    return None, 403
                secret = decoded.partition(":")[2]
        if not secret:
            return None, 401
        connection = request.env["industrial.pbx.connection"].sudo()._find_by_secret(secret)
        return (connection, 200) if connection else (None, 403)

    @http.route(
        ["/industrial_miko/alert", "/industrial_miko/alert/<string:secret>"],
        type="http", auth="public", methods=["GET", "POST"], csrf=False, save_session=False,
    )
    def alert(self, secret=None, **params):
        connection, status = self._connection_from_request(secret)
        if not connection:
            headers = [("WWW-Authenticate", 'Basic realm="MikoPBX"')] if status == 401 else []
            return Response("", status=status, headers=headers, content_type="text/plain")
        params = {key: value for key, value in params.items() if isinstance(value, str)}
        status, text = request.env["industrial.call"].sudo()._receive_alert(connection, params)
        return Response(text, status=status, content_type="text/plain; charset=utf-8")

    @http.route("/industrial_miko/call/<int:call_id>/recording", type="http", auth="user")
    def recording(self, call_id, download=None):
        call = request.env["industrial.call"].browse(call_id).exists()
        if not call:
            return request.not_found()
        call.check_access("read")
        if not call.has_recording:
            return request.not_found()
        try:
            upstream = call._open_recording()
        except MikoError as error:
            _logger.warning("MikoPBX: recording of call %s unavailable: %s", call.id, error)
            text = call.connection_id.sudo()._error_text(error, log=False)
            return Response(text, status=502, content_type="text/plain; charset=utf-8")
        if upstream is None:
            return request.not_found()
        headers = [("Content-Type", upstream.headers.get("Content-Type", "audio/mpeg"))]
        if download:
            headers.append(("Content-Disposition", f'attachment; filename="call-{call.id}.mp3"'))
        return Response(upstream.iter_content(65536), status=200, headers=headers, direct_passthrough=True)

    @http.route("/industrial_miko/call/<int:call_id>/card", type="json", auth="user")
    def card(self, call_id):
        """The caller card the ringing notification points at, read with the user's rights."""
        call = request.env["industrial.call"].browse(call_id).exists()
        if not call:
            return {}
        call.check_access("read")
        return call._get_card()
