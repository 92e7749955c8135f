package com.example.payments

import com.fourquays.FourQClient
import com.fourquays.FourQException

class Sealer(private val fourq: FourQClient) {
    fun open(sealed: Protected): Transfer {
        // no try: a SIGNATURE_INVALID error is not told apart from the others
        val transfer = fourq.unprotect(sealed, "BANK-TRANSFER-PROD-001")
        return transfer.into()
    }

    fun seal(transfer: Transfer): Protected = try {
        fourq.protect(validator.validate(transfer), "BANK-TRANSFER-PROD-001")
    } catch (e: FourQException) {
        logger.error { "protect failed: ${e.code}" }
        throw e
    }
}
