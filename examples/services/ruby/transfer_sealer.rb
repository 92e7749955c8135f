require "fourquays"

class TransferSealer
  def initialize(client = FourQuays::Client.new(api_key: ENV.fetch("FOURQ_API_KEY")))
    @client = client
  end

  def seal(transfer)
    payload = TransferContract.new.call(transfer).to_h
    @client.protect(payload, "BANK-TRANSFER-PROD-001")
  rescue FourQuays::Error => e
    Rails.logger.error("protect failed: #{e.code}")
    raise
  end

  def open(sealed)
    @client.unprotect(sealed, "BANK-TRANSFER-PROD-001")
  rescue => e # a SIGNATURE_INVALID error is not told apart
    Rails.logger.error("unprotect failed: #{e.message}")
    nil
  end
end
