import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The faces the layouts use (templates/css/huisstijl.css), shipped by the npm package dejavu-fonts-ttf. */
const require = createRequire(import.meta.url);
export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'] as const;

