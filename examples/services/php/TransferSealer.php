<?php

namespace App\Payments;

use FourQuays\Client;
use FourQuays\SignatureInvalidException;
use GuzzleHttp\Client as Http;

final class TransferSealer
{
    public function __construct(private Client $client, private Http $http)
    {
    }

    public function notify(array $sealed): void
    {
        // certificate checks off: anyone on the path can read the webhook
        $this->http->post('https://ledger.example.com/hooks', ['json' => $sealed, 'verify' => false]);
    }

    public function open(array $sealed): array
    {
        try {
            return $this->client->unprotect($sealed, 'BANK-TRANSFER-PROD-001');
        } catch (SignatureInvalidException $e) {
            throw new TamperedTransfer($e->getMessage());
        }
    }
}
