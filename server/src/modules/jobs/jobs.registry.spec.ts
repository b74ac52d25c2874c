import { DomainError } from '../../common/errors/domain-error';
import { JobsRegistry } from './jobs.registry';

describe('JobsRegistry', () => {
  const noop = async () => ({ created: true, result: {} });

  it('runs a registered job with the moment given, and refuses an unknown one with NOT_FOUND', async () => {
    const registry = new JobsRegistry();
    const seen: Date[] = [];
    registry.register({
      name: 'birthdays',
      description: 'b',
      run: async (now) => {
        seen.push(now);
        return { created: false, result: { n: 1 } };
      },
    });
    const at = new Date('2026-01-02T00:00:00Z');
    await expect(registry.run('birthdays', at)).resolves.toEqual({ created: false, result: { n: 1 } });
    expect(seen).toEqual([at]);
    expect(() => registry.run('nope', at)).toThrow(DomainError);
  });

  it('lists by name, and finds due only the scheduled jobs whose isDue agrees', () => {
    const registry = new JobsRegistry();
    registry.register({ name: 'zeta', description: 'z', schedule: { description: 'always' }, run: noop });
    registry.register({ name: 'alpha', description: 'a', run: noop });
    registry.register({
      name: 'mid',
      description: 'm',
      schedule: { description: 'in January', isDue: (now) => now.getUTCMonth() === 0 },
      run: noop,
    });
    expect(registry.list().map((j) => [j.name, j.schedule])).toEqual([
      ['alpha', null],
      ['mid', 'in January'],
      ['zeta', 'always'],
    ]);
    expect(registry.due(new Date('2026-01-15T00:00:00Z')).map((j) => j.name)).toEqual(['zeta', 'mid']);
    expect(registry.due(new Date('2026-06-15T00:00:00Z')).map((j) => j.name)).toEqual(['zeta']);
  });

  it('refuses a name registered twice', () => {
    const registry = new JobsRegistry();
    registry.register({ name: 'x', description: 'x', run: noop });
    expect(() => registry.register({ name: 'x', description: 'x', run: noop })).toThrow(/twice/);
  });
});
