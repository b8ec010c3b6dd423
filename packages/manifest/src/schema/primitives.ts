import * as z from 'zod';

// Small building blocks whose error messages already read well to a user;
// the loader appends ", got <value>" from the document.

/** An integer in [min, max] with one message for every way it can be wrong. */
export function intRange(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

export const port = () => intRange(1, 65535);

/** A name AWS accepts as a portName / discoveryName [aws-fidelity §1]. */
export const scName = () =>
  z
    .string({ error: 'must be a string' })
    .regex(/^[a-z0-9_][a-z0-9_-]{0,63}$/, {
      error: 'must be 1-64 characters of [a-z0-9_-], not starting with "-"',
    });

/** A resource name (cluster, role, family, target group...): letters, digits, -, _. */
export const awsName = (max = 255) =>
  z
    .string({ error: 'must be a string' })
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${max - 1}}$`), {
      error: `must be 1-${max} characters of [A-Za-z0-9_-], starting with a letter or digit`,
    });

export const text = () => z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });

export const bool = () => z.boolean({ error: 'must be true or false' });

/** `repo:tag`, repository without registry (images are built or pushed by the tool). */
export const imageRef = () =>
  z
    .string({ error: 'must be a string "repository:tag"' })
    .regex(/^[a-z0-9]+(?:[._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
      error: 'must be "repository:tag" with a lowercase repository and an explicit tag, e.g. service-users:v0.0.1',
    })
    .refine((s) => !/^[^/:]*[.:][^/]*\//.test(s), {
      error: 'must name the repository without a registry host (the deployer adds the ECR registry)',
    });

/** Environment values: YAML numbers and booleans are accepted and stored as strings, as ECS does. */
export const envValue = () =>
  z
    .union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' })
    .transform((v) => String(v));

/** An AWS region code such as us-west-1. */
export const region = () =>
  z.string({ error: 'must be a string' }).regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, { error: 'must be an AWS region code such as us-west-1' });

/** ALB matcher: "200", "200-299" or "200,302", every code within 200-499 [aws-fidelity §2]. */
export const httpCodes = () =>
  z
    .union([z.string(), z.int()], { error: 'must be HTTP codes such as "200", "200-299" or "200,302"' })
    .transform((v) => String(v))
    .refine(validCodes, { error: 'must be HTTP codes from 200 to 499 such as "200", "200-299" or "200,302"' });

function validCodes(text: string): boolean {
  const inRange = (code: string) => /^\d{3}$/.test(code) && Number(code) >= 200 && Number(code) <= 499;
  return text.split(',').every((part) => {
    const [from, to, ...rest] = part.trim().split('-');
    if (rest.length > 0 || from === undefined) return false;
    if (to === undefined) return inRange(from);
    return inRange(from) && inRange(to) && Number(from) <= Number(to);
  });
}
