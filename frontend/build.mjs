// Bundles src/ into the console's static assets. The Maven build runs it with the output directory
// (target/classes/static/assets) as the first argument, so the jar serves /assets/wharf.js and .css.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: ['src/wharf.js', 'src/wharf.css'],
  outdir,
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['es2020'],
  legalComments: 'linked',
  logLevel: 'warning',
});
