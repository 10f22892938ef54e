# corpus-files: servers.yml
require 'yaml'

# The machine list lives beside this file, one entry a machine.
servers = YAML.load_file(File.join(File.dirname(__FILE__), "servers.yml"))

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  servers.each do |s|
    config.vm.define s["name"] do |node|
      node.vm.hostname = s["name"]
      node.vm.network :private_network, ip: s["ip"]
      node.vm.provider :libvirt do |lv|
        lv.memory = s["memory"] || 1024
        lv.cpus = s["cpus"]
      end
    end
  end
end
