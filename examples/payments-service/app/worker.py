import logging
import os

from fourq import FourQ

log = logging.getLogger(__name__)
client = FourQ(api_key=os.environ["FOURQ_API_KEY"])


async def open_transfer(sealed):
    try:
        transfer = await client.unprotect(sealed, "BANK-TRANSFER-PROD-001")
    except Exception as error:
        log.error("unprotect failed: %s", error.code)
        raise
    return transfer
