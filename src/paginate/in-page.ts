// The page-filling pass's entry in the page: scripts/bundle.mjs bundles this file (and what it imports) into
// one script that render-pdf.ts adds to the document. It defines window.voortgangPaginate().
import { PAGINATE_GLOBAL } from './contract.js';
import { paginate } from './pager.js';

(window as unknown as Record<string, unknown>)[PAGINATE_GLOBAL] = () => paginate(document);
