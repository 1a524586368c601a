import { cpus, totalmem } from "node:os";

/** One line naming what the numbers were measured on: they mean nothing without it. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `Node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 1024 ** 3)} GiB, ${process.platform}/${process.arch}; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
