import { describe, expect, it } from 'vitest';
import { checkLayoutUrls, type LayoutFile } from '../src/compose/check-layout-urls.js';
import { cssUrls, refusedUrls, urlsIn } from '../src/compose/layout-urls.js';
import { SourceError, SourceErrors } from '../src/errors.js';

/**
 * The addresses a layout's HTML holds, read as the HTML standard reads them, and which of them the rules of the
 * content's links refuse (src/compose/layout-urls.ts). Expected values follow the standards: character
 * references are decoded in attributes, a URL's tabs and newlines are dropped and its scheme is case-blind
 * (WHATWG URL), <template> contents are part of the document, CSS escapes name characters by code point.
 */
const refused = (html: string) => refusedUrls(html).map((u) => `${u.where} ${u.url}`);

describe('addresses in a layout', () => {
  it('what the layouts use is allowed: relative fonts, data:, web links, mailto:, places in the letter', () => {
    const html = `<style>@font-face { src: url("../fonts/DejaVuSans.ttf"); } .x { background: url(data:image/png;base64,AAAA); }</style>
      <a href="https://www.rijksoverheid.nl">w</a><a href="mailto:info@minjenv.nl">m</a><a href="#inleiding">i</a>
      <svg><rect fill="url(#zr1-c0)"/></svg><img src="logo.png" srcset="logo.png 1x, data:image/png;base64,AAAA 2x">`;
    expect(refused(html)).toEqual([]);
    // In the order of the document: the <style> element first.
    expect(urlsIn(html).map((u) => `${u.kind} ${u.where} ${u.url}`)).toEqual([
      'resource url() ../fonts/DejaVuSans.ttf',
      'resource url() data:image/png;base64,AAAA',
      'link href https://www.rijksoverheid.nl',
      'link href mailto:info@minjenv.nl',
      'link href #inleiding',
      'resource url() #zr1-c0',
      'resource src logo.png',
      'resource srcset logo.png',
      'resource srcset data:image/png;base64,AAAA',
    ]);
  });

  it('file:, javascript:, blob: and other schemes are refused wherever the page would load or follow them', () => {
    expect(refused('<img src="file:///etc/hostname">')).toEqual(['src file:///etc/hostname']);
    expect(refused('<img src="FILE:///etc/hostname">')).toEqual(['src FILE:///etc/hostname']);
    expect(refused('<iframe src="javascript:alert(1)"></iframe>')).toEqual(['src javascript:alert(1)']);
    expect(refused('<object data="blob:http://x/1"></object>')).toEqual(['data blob:http://x/1']);
    expect(refused('<link rel="stylesheet" href="file:///etc/x.css">')).toEqual(['href file:///etc/x.css']);
    expect(refused('<base href="file:///">')).toEqual(['href file:///']);
    expect(refused('<svg><image href="file:///x.png"/><use xlink:href="file:///x.svg#a"/></svg>')).toEqual(['href file:///x.png', 'xlink:href file:///x.svg#a']);
    expect(refused('<video poster="file:///x.png"></video>')).toEqual(['poster file:///x.png']);
    expect(refused('<img srcset="a.png 1x, file:///b.png 2x">')).toEqual(['srcset file:///b.png']);
    expect(refused('<img srcset="data:image/png;base64,AA,file:///b.png,, file:///c.png 100w">')).toEqual(['srcset file:///c.png']);
    expect(refused('<div style="background: url(\'file:///x.png\')"></div>')).toEqual(['url() file:///x.png']);
    expect(refused('<style>@import "file:///x.css"; .a { background: url( file:///y.png ) }</style>')).toEqual(['@import file:///x.css', 'url() file:///y.png']);
    expect(refused('<meta http-equiv="refresh" content="0; url=file:///etc/passwd">')).toEqual(['content file:///etc/passwd']);
  });

  it('a link goes only where a content link may: not data:, not a relative path', () => {
    expect(refused('<a href="data:text/html,x">d</a><a href="../../geheim.pdf">g</a><a href="">leeg</a>')).toEqual(['href data:text/html,x', 'href ../../geheim.pdf', 'href ']);
  });

  it('character references, a tab inside the scheme, and CSS escapes do not hide an address', () => {
    expect(refused('<img src="&#102;ile:///etc/hostname">')).toEqual(['src file:///etc/hostname']);
    expect(refused('<a href="java&#x09;script:alert(1)">x</a>')).toEqual(['href java\tscript:alert(1)']);
    expect(refused('<img src=" java\nscript:alert(1)">')).toEqual(['src  java\nscript:alert(1)']);
    expect(refused('<style>.a { background: url(\\66 ile:///x.png) }</style>')).toEqual(['url() file:///x.png']);
  });

  it('a <template>\'s contents (the page chrome) are read too; a comment is not an address', () => {
    expect(refused('<template id="pagina-eerste"><div><img src="file:///etc/hostname"></div></template>')).toEqual(['src file:///etc/hostname']);
    expect(refused('<!-- <img src="file:///etc/hostname"> --><style>/* url(file:///x) */</style>')).toEqual([]);
  });

  it('url() and @import in a stylesheet, with where the address starts in its text', () => {
    expect(cssUrls('a { b: url( "x.png" ) } @import \'y.css\';').map((u) => [u.where, u.url, u.raw.slice(u.urlStart, u.urlStart + u.url.length)])).toEqual([
      ['url()', 'x.png', 'x.png'],
      ['@import', 'y.css', 'y.css'],
    ]);
  });
});

describe('where a refused address was written', () => {
  /** The refusal of a layout rendering `html` from `files`, as "file:line:column: message" lines. */
  async function refusal(html: string, files: LayoutFile[], view: { body?: string } = {}): Promise<string[]> {
    try {
      await checkLayoutUrls(html, view, files);
    } catch (err) {
      const all = err instanceof SourceErrors ? err.errors : [err as SourceError];
      return all.map((e) => `${e.file}:${e.line}:${e.column}: ${e.detail}`);
    }
    return [];
  }
  const at = (text: string, needle: string) => {
    const i = text.indexOf(needle);
    const before = text.slice(0, i);
    return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
  };

  it('a literal address: at the address in the file that holds it (a partial, a stylesheet)', async () => {
    const main = '<html><head><style>{{{css}}}</style></head>\n<body>{{> logo}}</body></html>';
    const logo = '<div class="logo">\n  <img alt="" src="file:///etc/hostname"></div>';
    const css = 'body { margin: 0; }\n.x { background: url(javascript:x) }';
    const html = `<html><head><style>${css}</style></head>\n<body>${logo}</body></html>`;
    expect(await refusal(html, [{ file: 'main.hbs', text: main }, { file: 'logo.hbs', text: logo }, { file: 'x.css', text: css }])).toEqual([
      `x.css:${at(css, 'javascript:x')}: url(): "javascript:x": a layout loads only files of its own page (a relative path, as the fonts' ../fonts/DejaVuSans.ttf) or inline data: — not javascript: addresses; remove it`,
      `logo.hbs:${at(logo, 'file:///')}: src: "file:///etc/hostname": a layout loads only files of its own page (a relative path, as the fonts' ../fonts/DejaVuSans.ttf) or inline data: — not file: addresses; remove it`,
    ]);
  });

  it('an address completed by a {{…}}: at its literal start; one placed whole: at the attribute\'s {{', async () => {
    const main = '<body>\n<img src="file:///{{pad}}">\n<a href="{{brief.website}}">w</a></body>';
    const html = '<body>\n<img src="file:///etc/hostname">\n<a href="../../geheim.pdf">w</a></body>';
    expect(await refusal(html, [{ file: 'main.hbs', text: main }])).toEqual([
      `main.hbs:${at(main, 'file:///')}: src: "file:///etc/hostname": a layout loads only files of its own page (a relative path, as the fonts' ../fonts/DejaVuSans.ttf) or inline data: — not file: addresses; remove it`,
      `main.hbs:${at(main, '{{brief.website}}')}: href: link to "../../geheim.pdf": a layout, as a letter, links only to web pages (https://…), e-mail addresses (mailto:…) or places in the letter (#…) — write the address in full, or leave the link out (the value placed here by {{…}})`,
    ]);
  });

  it('the body (checked Markdown) is not the layout\'s: left out', async () => {
    const main = '<body><main>{{{body}}}</main></body>';
    const body = '<p><img src="file:///x"></p>';
    expect(await refusal(`<body><main>${body}</main></body>`, [{ file: 'main.hbs', text: main }], { body })).toEqual([]);
  });
});
