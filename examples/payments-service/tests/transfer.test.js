const { fourq } = require('../src/client');

describe('4Quays integration', () => {
  it('handles policy not found', async () => {
    const payload = { transferId: 't-1' };
    await expect(fourq.protect(payload, 'INVALID-POLICY')).rejects.toThrow('POLICY_NOT_FOUND');
  });
});
