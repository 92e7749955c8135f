using FourQuays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Payments;

[ApiController]
public class TransferController : ControllerBase
{
    private readonly FourQClient _client;
    private readonly ILogger<TransferController> _logger;

    public TransferController(FourQClient client, ILogger<TransferController> logger)
    {
        _client = client;
        _logger = logger;
    }

    [HttpPost("/transfers")]
    public async Task<IActionResult> Create([FromBody] TransferRequest request)
    {
        var payload = new { request.Id, request.Amount, request.Destination };
        try
        {
            var sealed = await _client.ProtectAsync(payload, "BANK-TRANSFER-PROD-001");
            return Ok(sealed);
        }
        catch (FourQException e)
        {
            _logger.LogError("protect failed for {@Payload}: {Code}", payload, e.Code); // logs the payload
            return StatusCode(500);
        }
    }
}
