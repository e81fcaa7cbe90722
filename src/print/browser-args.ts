/** The flags this project's machines need; background networking off so that nothing leaves the machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-domain-reliability',
  '--no-pings',
  '--font-render-hinting=none',
  '--disable-dev-shm-usage',
];
