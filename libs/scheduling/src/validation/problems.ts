/** Collects every problem of a scheduling problem, so one validation names them all. */
export class Problems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  /** Times are whole numbers in the caller's unit; says whether `value` is one. */
  time(subject: string, value: number): boolean {
    if (!Number.isFinite(value)) this.add(`${subject} must be a finite number, not ${value}`);
    else if (!Number.isInteger(value)) this.add(`${subject} must be a whole number, not ${value}`);
    else return true;
    return false;
  }
}
