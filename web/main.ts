// The page's entry: defines the components; <podlab-app> in the HTML takes it from there.
import './components/podlab-app.ts';
