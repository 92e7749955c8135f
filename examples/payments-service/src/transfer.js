const express = require('express');
const { fourq } = require('./client');
const logger = require('./logger');

const router = express.Router();

router.post('/transfers', async (req, res) => {
  const payload = {
    transferId: req.body.id,
    amount: req.body.amount,
    destination: req.body.destination,
  };
  try {
    const sealed = await fourq.protect(payload, 'BANK-TRANSFER-PROD-001');
    sealed.extra = 'field'; // corrupts the protected payload
    res.json({ data: sealed });
  } catch (error) {
    logger.error({ payload }); // exposes sensitive data
    res.status(500).end();
  }
});

module.exports = router;
