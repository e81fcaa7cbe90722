// voortgang drives the Chromium shipped in @sparticuz/chromium (see DEVELOPERS.md):
// puppeteer must never try to download a browser of its own.
module.exports = { skipDownload: true };
