/** What the Gantt's colours and marks mean, in words: colour is never the only cue (the table says it too). */
export function GanttLegend() {
  return (
    <ul className="gantt-legend" aria-label="Legend">
      <li>
        <span className="swatch swatch-setup" aria-hidden="true" />
        <span className="swatch swatch-run" aria-hidden="true" /> Setup, then the operation
      </li>
      <li>
        <span className="swatch swatch-late" aria-hidden="true" /> Late (ends after its due date)
      </li>
      <li>
        <span className="swatch swatch-locked" aria-hidden="true" /> Locked by a planner (padlock)
      </li>
      <li>
        <span className="swatch swatch-breakdown" aria-hidden="true" /> Breakdown
      </li>
      <li>
        <span className="swatch swatch-planned" aria-hidden="true" /> Planned downtime
      </li>
      <li>
        <span className="swatch swatch-now" aria-hidden="true" /> Now
      </li>
    </ul>
  );
}
