from . import industrial_marketing_segment
from . import industrial_mailchimp_member
from . import industrial_mailchimp_sync
from . import industrial_mailchimp_sync_line
from . import industrial_telemarketing_export
from . import res_config_settings
from . import res_users
