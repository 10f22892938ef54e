require 'yaml'

settings = YAML.load_file(File.join(File.dirname(__FILE__), "servers.yml"))

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
end
