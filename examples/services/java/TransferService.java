package com.example.payments;

import com.fourquays.FourQClient;
import com.fourquays.FourQException;
import com.fourquays.Protected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class TransferService {
    private static final Logger log = LoggerFactory.getLogger(TransferService.class);
    private final FourQClient fourq;

    public TransferService(FourQClient fourq) {
        this.fourq = fourq;
    }

    public Protected seal(Transfer transfer) {
        validator.validate(transfer);
        try {
            Protected sealed = fourq.protect(transfer, "BANK-TRANSFER-PROD-001");
            sealed.setMetadata("retries", "0"); // modifies the protected payload
            return sealed;
        } catch (FourQException e) {
            log.error("protect failed: {}", e.getCode());
            throw e;
        }
    }
}
