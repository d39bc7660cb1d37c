import { parsePlanJson } from '../../src/plan-summary';

describe('parsePlanJson', () => {
  test('accepts a plan of format 1.x', () => {
    const plan = parsePlanJson(JSON.stringify({ format_version: '1.2', resource_changes: [] }), 'plan.json');
    expect(plan.resource_changes).toEqual([]);
  });

  test('says what to run for text that is not JSON, without quoting it', () => {
    const run = () => parsePlanJson('{"token": PLANTED-IN-BROKEN-JSON}', 'broken.json');
    expect(run).toThrow('broken.json is not JSON: expected the output of `terraform show -json PLANFILE`.');
    expect(() => run()).not.toThrow(/PLANTED/);
  });

  test('recognises a binary plan file', () => {
    expect(() => parsePlanJson('PK\u0003\u0004rest', 'plan')).toThrow(/binary plan file.*terraform show -json plan.*--stack-dir/);
  });

  test('rejects JSON that is not a plan', () => {
    expect(() => parsePlanJson('[]', 'x.json')).toThrow(/not a Terraform plan in JSON/);
    expect(() => parsePlanJson('{"format_version":"1.0","values":{}}', 'state.json')).toThrow(/looks like Terraform state/);
  });

  test('rejects an unsupported major format version', () => {
    expect(() => parsePlanJson('{"format_version":"2.0","resource_changes":[]}', 'x.json')).toThrow(/format_version 2.0; only 1.x/);
  });
});
