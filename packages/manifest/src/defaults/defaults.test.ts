import { FARGATE_MEMORY_BY_CPU } from './defaults.js';

describe('FARGATE_MEMORY_BY_CPU (aws-fidelity §5)', () => {
  it.each([
    [256, 512, 2048, 3],
    [512, 1024, 4096, 4],
    [1024, 2048, 8192, 7],
    [2048, 4096, 16384, 13],
    [4096, 8192, 30720, 23],
    [8192, 16384, 61440, 12],
    [16384, 32768, 122880, 12],
  ])('cpu %i pairs with %i..%i MiB (%i sizes)', (cpu, min, max, count) => {
    const sizes = FARGATE_MEMORY_BY_CPU.get(cpu)!;
    expect([sizes[0], sizes[sizes.length - 1], sizes.length]).toEqual([min, max, count]);
  });
});
