// Removes the code signature from a thin 64-bit Mach-O executable, as `codesign --remove-signature` does, so that
// injecting the SEA blob does not leave a signature that no longer matches (macOS kills such a process). The result
// is unsigned: Intel Macs run unsigned executables; `codesign --sign -` signs it ad hoc where a policy wants one.
import { Buffer } from 'node:buffer';

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const HEADER_SIZE = 32;

function loadCommands(image) {
  const count = image.readUInt32LE(16);
  const commands = [];
  for (let offset = HEADER_SIZE, index = 0; index < count; index += 1) {
    const cmd = image.readUInt32LE(offset);
    const size = image.readUInt32LE(offset + 4);
    commands.push({ cmd, offset, size });
    offset += size;
  }
  return commands;
}

export function isThinMachO64(image) {
  return image.length > HEADER_SIZE && image.readUInt32LE(0) === MH_MAGIC_64;
}

/** The image without its LC_CODE_SIGNATURE load command and the signature data at the end of __LINKEDIT. */
export function removeCodeSignature(image) {
  if (!isThinMachO64(image)) throw new Error('not a thin 64-bit little-endian Mach-O executable');
  const commands = loadCommands(image);
  const signature = commands.find((command) => command.cmd === LC_CODE_SIGNATURE);
  if (!signature) return image;
  const dataOffset = image.readUInt32LE(signature.offset + 8);
  const output = Buffer.from(image.subarray(0, dataOffset));
  const end = HEADER_SIZE + image.readUInt32LE(20);
  output.copy(output, signature.offset, signature.offset + signature.size, end);
  output.fill(0, end - signature.size, end);
  output.writeUInt32LE(commands.length - 1, 16);
  output.writeUInt32LE(end - HEADER_SIZE - signature.size, 20);
  for (const command of loadCommands(output)) {
    if (command.cmd !== LC_SEGMENT_64) continue;
    if (output.toString('latin1', command.offset + 8, command.offset + 24).replace(/\0+$/, '') !== '__LINKEDIT') continue;
    const fileOffset = Number(output.readBigUInt64LE(command.offset + 40));
    const fileSize = BigInt(dataOffset - fileOffset);
    output.writeBigUInt64LE(fileSize, command.offset + 48);
    output.writeBigUInt64LE((fileSize + 0xfffn) & ~0xfffn, command.offset + 32);
  }
  return output;
}
