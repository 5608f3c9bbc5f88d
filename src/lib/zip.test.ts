// The script export's archives open in Python's zipfile (CRC checked), with the names and bytes put in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../scripts/python';
import { crc32, zipStore } from './zip';

describe('zipStore', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses paths that would leave the folder it is unpacked in', () => {
    expect(() => zipStore([{ path: '../x.py', data: new Uint8Array(1) }])).toThrow(/relative/);
    expect(() => zipStore([{ path: '/etc/x', data: new Uint8Array(1) }])).toThrow(/relative/);
  });

  const python = findPython();
  it.skipIf(!python)("opens in Python's zipfile with every byte intact", () => {
    const weights = new Uint8Array(70_000).map((_, i) => (i * 2654435761) >>> 24);
    const entries = [
      { path: 'demo/demo.py', data: new TextEncoder().encode('print("héllo")\n') },
      { path: 'demo/weights/net/weights.bin', data: weights },
      { path: 'demo/empty.txt', data: new Uint8Array(0) },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'zip-')), 'a.zip');
    writeFileSync(file, zipStore(entries));
    const read = `import zipfile, sys, json, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({i.filename: [i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()}))`;
    const listed = JSON.parse(execFileSync(python!, ['-c', read, file], { encoding: 'utf8' })) as Record<string, [number, string]>;
    expect(Object.keys(listed)).toEqual(entries.map((e) => e.path));
    for (const e of entries) expect(listed[e.path][0]).toBe(e.data.length);
    const sha = (d: Uint8Array) => execFileSync(python!, ['-c', 'import sys, hashlib; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'], { input: d, encoding: 'utf8' }).trim();
    expect(listed['demo/weights/net/weights.bin'][1]).toBe(sha(weights));
  });
});
