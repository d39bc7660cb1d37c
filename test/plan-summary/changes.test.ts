import { changeKind, modelResourceChange } from '../../src/plan-summary';
import { resourceChange } from './builders';

describe('changeKind', () => {
  test.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['delete'], 'delete'],
    [['no-op'], 'no-op'],
    [['read'], 'read'],
    [['forget'], 'forget'],
  ] as const)('%j is %s', (actions, kind) => {
    expect(changeKind([...actions])).toBe(kind);
  });
});

describe('modelResourceChange', () => {
  test('a replacement names the forcing paths and its order', () => {
    const model = modelResourceChange(
      resourceChange('snyk_broker_token.t', ['create', 'delete'], { rotation_triggers: { gen: '1' }, activate: true }, { rotation_triggers: { gen: '2' }, activate: true }, {
        replacePaths: [['rotation_triggers', 'gen'], ['activate']],
      }),
    );
    expect(model.kind).toBe('replace');
    expect(model.replaceOrder).toBe('create-first');
    expect(model.replaceReasons).toEqual(['rotation_triggers["gen"]', 'activate']);
  });

  test('keys below a sensitive attribute are not shown in a replace path', () => {
    const model = modelResourceChange(
      resourceChange('snyk_integration.i', ['delete', 'create'], { credentials: { user: 'a' } }, { credentials: { user: 'b' } }, {
        sensitive: ['credentials'],
        replacePaths: [['credentials', 'user']],
      }),
    );
    expect(model.replaceReasons).toEqual(['credentials']);
  });

  test("without replace_paths, Terraform's reason is given", () => {
    const raw = { ...resourceChange('snyk_organization.o', ['delete', 'create'], { name: 'a' }, { name: 'a' }), action_reason: 'replace_because_tainted' };
    expect(modelResourceChange(raw).replaceReasons).toEqual(['the object is tainted']);
  });

  test('an update lists the changed attributes, sensitive ones by name only, unknown ones as changed', () => {
    const model = modelResourceChange(
      resourceChange('snyk_integration.i', ['update'], { broker: false, credentials: { t: 'x' }, type: 'github', id: '1' }, { broker: true, credentials: { t: 'y' }, type: 'github', id: '1', broker_token: null }, {
        sensitive: ['credentials'],
        unknown: ['broker_token'],
      }),
    );
    expect(model.changedAttributes).toEqual(['broker', 'broker_token', 'credentials']);
  });

  test('an import keeps its id', () => {
    const model = modelResourceChange(resourceChange('snyk_organization.o', ['no-op'], { id: 'o1' }, { id: 'o1' }, { importing: 'o1' }));
    expect(model.kind).toBe('no-op');
    expect(model.importingId).toBe('o1');
  });
});
