import { describe, expect, it } from 'vitest';
import { BuildSteps, buildStepOf } from './build-steps';

describe('build steps', () => {
  it("reads the builder's step lines and puts every output line under its step", () => {
    expect(buildStepOf('Step 2/5 : RUN echo hi')).toEqual({ n: 2, of: 5, instruction: 'RUN echo hi' });
    expect(buildStepOf(' ---> Running in 1a2b')).toBeNull();
    const steps = new BuildSteps();
    expect(steps.line('Sending build context to Docker daemon  2.048kB')).toEqual({
      message: 'Sending build context to Docker daemon  2.048kB',
    });
    expect(steps.line('Step 1/3 : FROM base')).toEqual({ message: 'step 1/3: FROM base', current: 1, total: 3 });
    expect(steps.line('Step 2/3 : RUN make')).toEqual({ message: 'step 2/3: RUN make', current: 2, total: 3 });
    expect(steps.line('compiling...')).toEqual({ message: 'step 2/3: compiling...', current: 2, total: 3 });
  });
});
