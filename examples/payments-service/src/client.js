const { FourQ } = require('@4quays/sdk');

// Bad: a hard-coded live key (the guide: store keys in the environment).
const fourq = new FourQ({
  apiKey: 'sk_live_7Hq2LmV9cX4pT8wRz3NbK6dF',
  baseUrl: process.env.FOURQ_API_BASE,
});

module.exports = { fourq };
