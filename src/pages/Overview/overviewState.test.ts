import { commonError } from './overviewState';

const failed = (error: string) => ({ status: 'done' as const, frames: [], error });

describe('commonError', () => {
  it('gives the message when every section failed with it', () => {
    expect(commonError([failed('No upstream'), failed('No upstream'), failed('No upstream')])).toBe('No upstream');
  });

  it('gives nothing while a section loads, succeeds, or fails differently', () => {
    expect(commonError([failed('No upstream'), { status: 'loading' }])).toBeUndefined();
    expect(commonError([failed('No upstream'), { status: 'done', frames: [] }])).toBeUndefined();
    expect(commonError([failed('No upstream'), failed('Timeout')])).toBeUndefined();
    expect(commonError([failed('No upstream')])).toBeUndefined();
  });
});
