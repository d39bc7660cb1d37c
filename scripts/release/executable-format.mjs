// What can be checked of an executable built for another platform: its format and whether the SEA blob is in it.
import { Buffer } from 'node:buffer';
import { isThinMachO64 } from './macho.mjs';

/** `elf`, `pe`, `macho` or `unknown`, from the file's magic bytes. */
export function executableFormat(image) {
  if (image.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'elf';
  if (image.subarray(0, 2).toString('latin1') === 'MZ' && image.length > 0x40) {
    const peOffset = image.readUInt32LE(0x3c);
    if (image.subarray(peOffset, peOffset + 4).equals(Buffer.from('PE\0\0', 'latin1'))) return 'pe';
  }
  if (isThinMachO64(image)) return 'macho';
  return 'unknown';
}

/** The ELF machine, PE machine or Mach-O CPU type as Terraform's arch name, when recognised. */
export function executableArch(image) {
  const format = executableFormat(image);
  if (format === 'elf') return { 0x3e: 'amd64', 0xb7: 'arm64' }[image.readUInt16LE(18)] ?? 'unknown';
  if (format === 'pe') return { 0x8664: 'amd64', 0xaa64: 'arm64' }[image.readUInt16LE(image.readUInt32LE(0x3c) + 4)] ?? 'unknown';
  if (format === 'macho') return { 0x01000007: 'amd64', 0x0100000c: 'arm64' }[image.readUInt32LE(4)] ?? 'unknown';
  return 'unknown';
}

/** The SEA fuse is flipped (`...:1`) only after a blob was injected. */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export function seaFuseFlipped(image) {
  return image.includes(Buffer.from(`${SEA_FUSE}:1`, 'latin1'));
}
