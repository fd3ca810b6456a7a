/** The page shell: one inline stylesheet, phone-first, light and dark. No script. */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

const CSS = `
:root{color-scheme:light dark;--bg:#fafafa;--fg:#1b1d21;--muted:#667085;--line:#e4e7ec;--accent:#3559e0;--up:#16a34a;--down:#dc2626;--band:rgba(53,89,224,.14)}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--fg:#e6e8ec;--muted:#98a2b3;--line:#252a33;--accent:#8aa4ff;--up:#4ade80;--down:#f87171;--band:rgba(138,164,255,.18)}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:760px;margin:0 auto;padding:16px}a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}.muted{color:var(--muted)}
nav.ladders a{display:inline-block;margin:0 .5rem .4rem 0;padding:.15rem .6rem;border:1px solid var(--line);border-radius:999px}
nav.ladders a.on{background:var(--accent);color:var(--bg);border-color:var(--accent)}
table{width:100%;border-collapse:collapse}th,td{padding:.45rem .35rem;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{white-space:normal;word-break:break-word}.spark.up{color:var(--up)}.spark.down{color:var(--down)}
.chart{width:100%;height:auto}.chart .line{stroke:var(--accent)}.chart .band{fill:var(--band)}.chart .dot{fill:var(--accent)}.chart .axis{fill:var(--muted);font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}.card{border:1px solid var(--line);border-radius:10px;padding:.6rem}.card b{display:block;font-size:1.3rem}
.form span{display:inline-block;width:1.5rem;text-align:center;border-radius:4px;margin-right:2px;font-weight:600}.form .win{background:var(--up);color:var(--bg)}.form .loss{background:var(--down);color:var(--bg)}.form .draw{background:var(--muted);color:var(--bg)}
@media (max-width:520px){.hide-sm{display:none}th,td{padding:.4rem .2rem}}
`;

/** `css`: rules a page family adds to the shared sheet (the tournament pages' bracket). */
export function Layout({ title, children, css }: { title: string; children: Child; css?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{raw(css ? CSS + css : CSS)}</style>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
