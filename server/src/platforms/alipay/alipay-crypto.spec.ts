import {
  alipayAesDecrypt,
  alipayAesEncrypt,
  alipaySignContent,
  alipayTimestamp,
  rawJsonMember,
} from './alipay-crypto';

describe('rawJsonMember', () => {
  it('returns the exact text of a top-level member, spacing and escapes included', () => {
    const raw =
      '{ "a_response" : {"code":"10000", "msg":"Su\\"ccess","nested":{"x":[1,{"y":"}"}]}} ,"sign":"abc"}';
    expect(rawJsonMember(raw, 'a_response')).toBe(
      '{"code":"10000", "msg":"Su\\"ccess","nested":{"x":[1,{"y":"}"}]}}',
    );
    expect(rawJsonMember(raw, 'sign')).toBe('"abc"');
  });

  it('ignores the key where it appears nested or inside a string', () => {
    const raw =
      '{"decoy":{"a_response":{"code":"fake"}},"note":"\\"a_response\\":1","a_response":{"code":"real"},"sign":"s"}';
    expect(rawJsonMember(raw, 'a_response')).toBe('{"code":"real"}');
  });

  it('is undefined when the key is absent', () => {
    expect(rawJsonMember('{"error_response":{"code":"40002"}}', 'a_response')).toBeUndefined();
  });
});

describe('alipaySignContent', () => {
  it('sorts by name and leaves out sign and empty values', () => {
    expect(
      alipaySignContent({
        method: 'm',
        app_id: '1',
        sign: 'x',
        empty: '',
        biz_content: '{"a":1}',
        none: undefined,
      }),
    ).toBe('app_id=1&biz_content={"a":1}&method=m');
  });
});

describe('alipayTimestamp', () => {
  it('is Beijing time, whatever the server’s zone', () => {
    expect(alipayTimestamp(new Date('2026-12-31T16:30:05.999Z'))).toBe('2027-01-01 00:30:05');
  });
});

describe('alipay AES', () => {
  it('is AES-CBC with a zero IV, as openssl computes it', () => {
    const key = Buffer.alloc(16, 1).toString('base64');
    // openssl enc -aes-128-cbc -K 0101…01 -iv 00…00 -base64 of the same text
    const expected = 'XxEDB6bm2cnN+CitrJTUj7ZgfYYpmez6NMcty3nH4Xw=';
    expect(alipayAesEncrypt('{"mobile":"13800138000"}', key)).toBe(expected);
    expect(alipayAesDecrypt(expected, key)).toBe('{"mobile":"13800138000"}');
  });
});
