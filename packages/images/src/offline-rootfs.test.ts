import { NODE_PATH_IN_IMAGE, parseLdd, planNodeRootfs } from './offline-rootfs.js';

const LDD = `	linux-vdso.so.1 (0x00007ffd)
	libdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f5d)
	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f5d)
	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f5d)
	/lib64/ld-linux-x86-64.so.2 (0x00007f5d)
`;

describe('parseLdd', () => {
  it('lists every library and the loader, skipping the vDSO', () => {
    expect(parseLdd(LDD)).toEqual([
      '/lib/x86_64-linux-gnu/libdl.so.2',
      '/lib/x86_64-linux-gnu/libstdc++.so.6',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });

  it('refuses a binary with a missing library', () => {
    expect(() => parseLdd('\tlibfoo.so.1 => not found\n')).toThrow(/libfoo\.so\.1 => not found/);
  });
});

describe('planNodeRootfs', () => {
  const plan = planNodeRootfs({ nodeBinary: '/usr/bin/node', libraries: ['/lib64/ld-linux-x86-64.so.2'], caBundle: '/etc/ssl/certs/ca-certificates.crt' });

  it('puts node where the official images have it', () => {
    expect(plan.copies[0]).toEqual({ from: '/usr/bin/node', to: NODE_PATH_IN_IMAGE, mode: 0o755 });
    expect(NODE_PATH_IN_IMAGE).toBe('/usr/local/bin/node');
  });

  it('has a node user with uid 1000, a sticky /tmp and the CA bundle', () => {
    expect(plan.texts.find((t) => t.to === '/etc/passwd')?.content).toMatch(/^node:x:1000:1000:/m);
    expect(plan.dirs).toContainEqual({ path: '/tmp', mode: 0o1777, uid: 0 });
    expect(plan.copies.map((c) => c.to)).toContain('/etc/ssl/certs/ca-certificates.crt');
  });
});
