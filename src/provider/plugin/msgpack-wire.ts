/**
 * The msgpack encoding of the plain values the cty codec works with, written for a process that lives for a few
 * dozen RPCs: strings go through Node's native UTF-8 (the generic library converts them character by character in
 * JavaScript, which never gets optimised in so short a life), and no encoder or decoder object is built per value.
 *
 * Encodes null, booleans, strings, arrays, plain records (string keys) and {@link MsgpackExt}; decodes every msgpack
 * format: integers and floats as numbers, maps as records, extensions as MsgpackExt, bin as Uint8Array.
 */
export function encodeWire(value: unknown): Uint8Array {
  const writer = new Writer();
  writer.value(value);
  return writer.finish();
}

/** Decodes exactly one msgpack value that fills `bytes`. */
export function decodeWire(bytes: Uint8Array): unknown {
  const reader = new Reader(bytes);
  const value = reader.value();
  if (reader.offset !== bytes.length) throw new RangeError(`msgpack: ${bytes.length - reader.offset} bytes after the value`);
  return value;
}

/** A msgpack extension value: its type (-128..127) and its bytes. */
export class MsgpackExt {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

const INITIAL_BYTES = 512;

class Writer {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private offset = 0;

  value(value: unknown): void {
    if (value === null || value === undefined) return this.byte(0xc0);
    if (value === true) return this.byte(0xc3);
    if (value === false) return this.byte(0xc2);
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) {
      this.header(value.length, 0x90, 0xdc);
      for (const item of value) this.value(item);
      return;
    }
    if (value instanceof MsgpackExt) return this.ext(value);
    if (typeof value === 'object') {
      const keys = Object.keys(value);
      this.header(keys.length, 0x80, 0xde);
      for (const key of keys) {
        this.string(key);
        this.value((value as Record<string, unknown>)[key]);
      }
      return;
    }
    throw new TypeError(`msgpack: cannot encode a ${typeof value}`);
  }

  finish(): Uint8Array {
    return this.buffer.subarray(0, this.offset);
  }

  private string(text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    if (length < 32) this.byte(0xa0 | length);
    else if (length < 0x100) this.bytes([0xd9, length]);
    else if (length < 0x10000) this.bytes([0xda, length >> 8, length & 0xff]);
    else this.u8u32(0xdb, length);
    this.reserve(length);
    this.offset += this.buffer.write(text, this.offset, length, 'utf8');
  }

  /** The header of an array (`fix` 0x90, `wide` 0xdc) or a map (0x80, 0xde): fix up to 15 entries, then 16 or 32 bits. */
  private header(count: number, fix: number, wide: number): void {
    if (count < 16) this.byte(fix | count);
    else if (count < 0x10000) this.bytes([wide, count >> 8, count & 0xff]);
    else this.u8u32(wide + 1, count);
  }

  private ext({ type, data: payload }: MsgpackExt): void {
    const fixed = [1, 2, 4, 8, 16].indexOf(payload.length);
    if (fixed >= 0) this.bytes([0xd4 + fixed, type & 0xff]);
    else if (payload.length < 0x100) this.bytes([0xc7, payload.length, type & 0xff]);
    else if (payload.length < 0x10000) this.bytes([0xc8, payload.length >> 8, payload.length & 0xff, type & 0xff]);
    else {
      this.u8u32(0xc9, payload.length);
      this.byte(type & 0xff);
    }
    this.reserve(payload.length);
    this.buffer.set(payload, this.offset);
    this.offset += payload.length;
  }

  private u8u32(marker: number, value: number): void {
    this.reserve(5);
    this.buffer[this.offset] = marker;
    this.buffer.writeUInt32BE(value, this.offset + 1);
    this.offset += 5;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.buffer[this.offset++] = value;
  }

  private bytes(values: readonly number[]): void {
    this.reserve(values.length);
    for (const value of values) this.buffer[this.offset++] = value;
  }

  private reserve(length: number): void {
    if (this.offset + length <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + length));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }
}

class Reader {
  offset = 0;
  private readonly buffer: Buffer;

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  value(): unknown {
    const head = this.u8();
    if (head < 0x80) return head;
    if (head >= 0xe0) return head - 0x100;
    if (head < 0x90) return this.map(head & 0x0f);
    if (head < 0xa0) return this.array(head & 0x0f);
    if (head < 0xc0) return this.string(head & 0x1f);
    switch (head) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bin(this.u8());
      case 0xc5:
        return this.bin(this.u16());
      case 0xc6:
        return this.bin(this.u32());
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return this.read(4, (at) => this.buffer.readFloatBE(at));
      case 0xcb:
        return this.read(8, (at) => this.buffer.readDoubleBE(at));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return this.read(8, (at) => Number(this.buffer.readBigUInt64BE(at)));
      case 0xd0:
        return this.read(1, (at) => this.buffer.readInt8(at));
      case 0xd1:
        return this.read(2, (at) => this.buffer.readInt16BE(at));
      case 0xd2:
        return this.read(4, (at) => this.buffer.readInt32BE(at));
      case 0xd3:
        return this.read(8, (at) => Number(this.buffer.readBigInt64BE(at)));
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.ext(1 << (head - 0xd4));
      case 0xd9:
        return this.string(this.u8());
      case 0xda:
        return this.string(this.u16());
      case 0xdb:
        return this.string(this.u32());
      case 0xdc:
        return this.array(this.u16());
      case 0xdd:
        return this.array(this.u32());
      case 0xde:
        return this.map(this.u16());
      case 0xdf:
        return this.map(this.u32());
      default:
        throw new RangeError(`msgpack: unknown format 0x${head.toString(16)} at byte ${this.offset - 1}`);
    }
  }

  private array(count: number): unknown[] {
    const items: unknown[] = [];
    for (let index = 0; index < count; index++) items.push(this.value());
    return items;
  }

  private map(count: number): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (let index = 0; index < count; index++) {
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new TypeError(`msgpack: a map key must be a string or a number, got ${typeof key}`);
      if (key === '__proto__') throw new TypeError('msgpack: the map key __proto__ is not allowed');
      record[key] = this.value();
    }
    return record;
  }

  private string(length: number): string {
    return this.read(length, (at) => this.buffer.toString('utf8', at, at + length));
  }

  private bin(length: number): Uint8Array {
    return this.read(length, (at) => {
      const copy = new Uint8Array(length);
      copy.set(this.buffer.subarray(at, at + length));
      return copy;
    });
  }

  private ext(length: number): MsgpackExt {
    const type = this.read(1, (at) => this.buffer.readInt8(at));
    return new MsgpackExt(type, this.bin(length));
  }

  private u8(): number {
    return this.read(1, (at) => this.buffer[at]);
  }

  private u16(): number {
    return this.read(2, (at) => this.buffer.readUInt16BE(at));
  }

  private u32(): number {
    return this.read(4, (at) => this.buffer.readUInt32BE(at));
  }

  /** Reads `length` bytes at the current offset with `at`, after checking they are there. */
  private read<T>(length: number, at: (offset: number) => T): T {
    const start = this.offset;
    if (start + length > this.buffer.length) throw new RangeError(`msgpack: the value ends early (byte ${this.buffer.length} of ${start + length})`);
    this.offset = start + length;
    return at(start);
  }
}
