import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parsePlanJson, TerraformPlanJson } from './plan-json';

/** A parsed plan and where it came from. */
export interface LoadedPlan {
  /** The stack's name in the summary. */
  readonly stack: string;
  /** The file, folder or `stdin` it was read from. */
  readonly source: string;
  readonly plan: TerraformPlanJson;
}

/** Saved plan names looked for in a stack folder, in order; `*.tfplan` is tried after these. */
export const SAVED_PLAN_NAMES: readonly string[] = ['plan', 'tfplan', 'plan.out', 'tfplan.out', 'terraform.tfplan'];
/** Plans already converted to JSON, used when no saved plan is found. */
export const JSON_PLAN_NAMES: readonly string[] = ['plan.json', 'tfplan.json'];

const GENERIC_FILE_NAMES = new Set(['plan', 'tfplan', 'terraform']);
const TERRAFORM_SHOW_MAX_BUFFER = 512 * 1024 * 1024;

/** Reads a plan JSON file; the stack is named after the file, or its folder when the file has a generic name. */
export function loadPlanFile(path: string): LoadedPlan {
  if (!existsSync(path)) throw new Error(`Plan file ${path} does not exist.`);
  const text = readFileSync(path, 'utf8');
  return { stack: stackNameOfFile(path), source: path, plan: parsePlanJson(text, path) };
}

export function stackNameOfFile(path: string): string {
  const name = basename(path, extname(path));
  return GENERIC_FILE_NAMES.has(name) ? basename(dirname(resolve(path))) : name;
}

/** Reads a plan JSON from a stream (the command's stdin for `-`). */
export async function loadPlanStream(stream: NodeJS.ReadableStream, stack = 'stdin'): Promise<LoadedPlan> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return { stack, source: 'stdin', plan: parsePlanJson(Buffer.concat(chunks).toString('utf8'), 'stdin') };
}

/** A plan found in a stack folder: a saved (binary) plan for `terraform show -json`, or a JSON one. */
export interface FoundPlan {
  readonly path: string;
  readonly json: boolean;
}

/** Finds the saved plan of a stack folder, or explains what was looked for. */
export function findSavedPlan(dir: string): FoundPlan {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`Stack folder ${dir} does not exist.`);
  const isFile = (name: string) => statSync(join(dir, name), { throwIfNoEntry: false })?.isFile() === true;
  const named = SAVED_PLAN_NAMES.find(isFile);
  if (named) return { path: join(dir, named), json: false };
  const tfplan = readdirSync(dir).filter((name) => name.endsWith('.tfplan') && isFile(name)).sort();
  if (tfplan.length > 0) return { path: join(dir, tfplan[0]), json: false };
  const json = JSON_PLAN_NAMES.find(isFile);
  if (json) return { path: join(dir, json), json: true };
  const lookedFor = [...SAVED_PLAN_NAMES, '*.tfplan', ...JSON_PLAN_NAMES].join(', ');
  throw new Error(`No saved plan in ${dir}: looked for ${lookedFor}. Run \`terraform plan -out plan\` in that folder first.`);
}

export interface StackDirOptions {
  /** The terraform executable; default `$TERRAFORM_BINARY_NAME` or `terraform` on the PATH. */
  readonly terraformBinary?: string;
  /** Environment for terraform; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Loads the saved plan of a stack folder, running `terraform show -json` there for a binary plan. */
export async function loadStackDir(dir: string, options: StackDirOptions = {}): Promise<LoadedPlan> {
  const found = findSavedPlan(dir);
  const stack = basename(resolve(dir));
  if (found.json) return { stack, source: found.path, plan: parsePlanJson(readFileSync(found.path, 'utf8'), found.path) };
  const text = await terraformShowJson(dir, basename(found.path), options);
  return { stack, source: found.path, plan: parsePlanJson(text, found.path) };
}

function terraformShowJson(dir: string, planFile: string, options: StackDirOptions): Promise<string> {
  const env = options.env ?? process.env;
  const binary = options.terraformBinary ?? env.TERRAFORM_BINARY_NAME ?? 'terraform';
  return new Promise((resolvePromise, reject) => {
    execFile(
      binary,
      ['show', '-json', '-no-color', planFile],
      { cwd: dir, env: { ...env, CHECKPOINT_DISABLE: '1' }, maxBuffer: TERRAFORM_SHOW_MAX_BUFFER, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        const reason = stderr.trim() || error.message;
        reject(new Error(`\`${binary} show -json ${planFile}\` failed in ${dir} (has \`terraform init\` run there?): ${reason}`));
      },
    );
  });
}
