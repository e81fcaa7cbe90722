export declare function browserScript(entry: string, options: { minify: boolean }): Promise<string>;
export declare function previewScript(): Promise<string>;
