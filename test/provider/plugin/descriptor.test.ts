import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

test('the committed tfplugin6.json descriptor and generated codecs are up to date with the .proto files', () => {
  const script = join(__dirname, '..', '..', '..', 'scripts', 'compile-proto.mjs');
  expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
});
