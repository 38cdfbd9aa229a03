from . import industrial_request_route
