import { cardLayout } from './cardLayout';

describe('cardLayout', () => {
  it('stacks one compact card per row on a phone-width panel', () => {
    expect(cardLayout(300)).toEqual({ minCardWidth: '100%', compact: true });
    expect(cardLayout(479).compact).toBe(true);
  });

  it('fits several cards on a desktop and wider ones on a wall screen', () => {
    expect(cardLayout(1200)).toEqual({ minCardWidth: '320px', compact: false });
    expect(cardLayout(3840)).toEqual({ minCardWidth: '420px', compact: false });
    expect(cardLayout(undefined).compact).toBe(false);
  });
});
